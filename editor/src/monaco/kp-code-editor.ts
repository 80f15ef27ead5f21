// The Monaco code editor for `.kp` sources, in light DOM (see LightElement). Shows whichever model it is given.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { IPosition, IRange, editor as MonacoEditor } from 'monaco-editor/editor';
import { LightElement } from '../app/light-element.js';
import { ui } from '../app/ui-text.js';
import type { Monaco } from './load-monaco.js';

@customElement('kp-code-editor')
export class KpCodeEditor extends LightElement {
  @property({ attribute: false }) monaco: Monaco | null = null;
  @property({ attribute: false }) model: MonacoEditor.ITextModel | null = null;
  @property({ type: Boolean }) readOnly = false;

  /** The Monaco editor, once Monaco has loaded. */
  editor: MonacoEditor.IStandaloneCodeEditor | null = null;

  override render() {
    return html`<div class="code-editor-host"></div>`;
  }

  protected override updated(): void {
    if (!this.monaco) return;
    if (!this.editor) {
      this.editor = this.monaco.editor.create(this.querySelector<HTMLElement>('.code-editor-host')!, {
        model: this.model,
        automaticLayout: true,
        ariaLabel: ui('sourceEditorLabel'),
        minimap: { enabled: false },
        fontSize: 14,
        tabSize: 2,
        folding: true,
        showFoldingControls: 'always',
        renderWhitespace: 'selection',
        wordBasedSuggestions: 'off',
        quickSuggestions: { other: true, comments: false, strings: false },
        fixedOverflowWidgets: true,
        readOnly: this.readOnly,
        // Full-width Chinese punctuation is normal in policies, not a confusable character.
        unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
      });
      return;
    }
    if (this.editor.getModel() !== this.model) this.editor.setModel(this.model);
    this.editor.updateOptions({ readOnly: this.readOnly });
  }

  /** Moves the cursor to a place of the shown model (an offset, a position, or a range to select) and gives the editor focus. */
  reveal(place: number | IPosition | IRange): void {
    const model = this.editor?.getModel();
    if (!this.editor || !model) return;
    if (typeof place === 'object' && 'endLineNumber' in place) {
      this.editor.setSelection(place);
      this.editor.revealRangeInCenter(place);
    } else {
      const position = typeof place === 'number' ? model.getPositionAt(place) : place;
      this.editor.setPosition(position);
      this.editor.revealPositionInCenter(position);
    }
    this.editor.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.editor?.dispose();
    this.editor = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-code-editor': KpCodeEditor;
  }
}
