// Elements of the editor render into light DOM: Monaco's and the page's styles live in the document, and a
// shadow root would hide them (Monaco then renders without its gutter and with a visible textarea).
import { LitElement } from 'lit';

export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
