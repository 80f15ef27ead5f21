// The workspace tree: policies, their `.kp` sources and their sample data. Nested lists of buttons, so Tab
// and Enter work without extra key handling and screen readers hear plain lists.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import type { WorkspaceListing } from './workspace-client.js';
import { ui } from '../app/ui-text.js';

export interface TreeSelection {
  kind: 'source' | 'data' | 'policy';
  path: string;
}

@customElement('kp-file-tree')
export class KpFileTree extends LightElement {
  @property({ attribute: false }) listing: WorkspaceListing | null = null;
  @property() policy = '';
  @property() activePath = '';
  @property() dataPath = '';
  @property({ attribute: false }) dirty: ReadonlySet<string> = new Set();

  private select(kind: TreeSelection['kind'], path: string): void {
    this.dispatchEvent(new CustomEvent<TreeSelection>('tree-select', { detail: { kind, path }, bubbles: true }));
  }

  override render() {
    if (!this.listing) return html`<p class="muted">${ui('readingWorkspace')}</p>`;
    return html`
      <nav aria-label=${ui('workspaceFiles')}>
        <ul class="tree">
          ${this.listing.policies.map(
            (p) => html`
              <li>
                <button
                  class="tree-policy ${p.name === this.policy ? 'current' : ''}"
                  aria-current=${p.name === this.policy ? 'true' : 'false'}
                  @click=${() => this.select('policy', p.name)}
                >
                  ${p.name}
                </button>
                ${p.name === this.policy
                  ? html`<ul aria-label=${p.name}>
                      ${p.sources.map(
                        (s) => html`<li>
                          <button
                            class="tree-file ${s === this.activePath ? 'active' : ''}"
                            data-path=${s}
                            aria-current=${s === this.activePath ? 'page' : 'false'}
                            @click=${() => this.select('source', s)}
                          >
                            ${fileName(s)}${this.dirty.has(s) ? html`<span class="dirty" aria-label=${ui('unsaved')}>●</span>` : ''}
                          </button>
                        </li>`,
                      )}
                      ${p.data.length
                        ? html`<li class="tree-heading" aria-hidden="true">${ui('sampleData')}</li>
                            ${p.data.map(
                              (d) => html`<li>
                                <button
                                  class="tree-data ${d === this.dataPath ? 'active' : ''}"
                                  title=${ui('previewWithData')} aria-label=${ui('previewWithSample', { file: d.slice(`policies/${p.name}/data/`.length) })}
                                  @click=${() => this.select('data', d)}
                                >
                                  ${d.slice(`policies/${p.name}/data/`.length)}
                                </button>
                              </li>`,
                            )}`
                        : ''}
                    </ul>`
                  : ''}
              </li>
            `,
          )}
        </ul>
      </nav>
    `;
  }
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-file-tree': KpFileTree;
  }
}
