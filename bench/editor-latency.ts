// Keystroke-to-preview latency of the web editor: in headless Chromium, on the default policy and its sample
// data, the time from a key press in Monaco to the preview showing the re-evaluated result (debounce,
// compile, evaluate and render included). The median of several edits is the figure to watch.
import { openEditorSession } from '../editor/harness/browser-session.js';

export interface EditorLatency {
  /** Median keystroke-to-preview time in milliseconds. */
  medianMs: number;
  samplesMs: number[];
  /** Time from navigation to the first evaluated preview, in milliseconds. */
  firstPreviewMs: number;
}

export async function measureEditorLatency(edits = 7): Promise<EditorLatency> {
  const session = await openEditorSession();
  try {
    const { page } = session;
    const started = Date.now();
    await page.goto(session.url);
    await page.waitForSelector('kp-ranking-table tbody tr', { timeout: 60_000 });
    const firstPreviewMs = Date.now() - started;
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('#');
    const samplesMs: number[] = [];
    for (let i = 0; i < edits; i++) {
      // Arm an observer in the page, then type one character; it reports the in-page time from the key
      // press to the preview rendering an analysis newer than the one before the key press.
      const armed = page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const preview = document.querySelector<HTMLElement>('.preview')!;
            const before = Number(preview.dataset.version);
            let pressed = 0;
            window.addEventListener('keydown', () => (pressed = performance.now()), { once: true, capture: true });
            const observer = new MutationObserver(() => {
              if (pressed && Number(preview.dataset.version) > before && !preview.classList.contains('stale')) {
                observer.disconnect();
                resolve(performance.now() - pressed);
              }
            });
            observer.observe(preview, { attributes: true, attributeFilter: ['data-version', 'class'] });
          }),
      );
      await page.waitForTimeout(50);
      await page.keyboard.type('x');
      samplesMs.push(Math.round(await armed));
    }
    const sorted = [...samplesMs].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)]!, samplesMs, firstPreviewMs };
  } finally {
    await session.close();
  }
}
