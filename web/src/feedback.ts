/** What a scan sounds like: one high beep for done, two low ones for a code that is not what was expected, a buzz for refused. */
export type Outcome = 'ok' | 'warning' | 'error';

let audio: AudioContext | null = null;

export function sound(outcome: Outcome): void {
  try {
    audio ??= new AudioContext();
    const tones: [number, number][] =
      outcome === 'ok'
        ? [[1320, 0.09]]
        : outcome === 'warning'
          ? [
              [660, 0.1],
              [660, 0.1],
            ]
          : [[220, 0.35]];
    let at = audio.currentTime;
    for (const [frequency, seconds] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = outcome === 'error' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
      at += seconds + 0.06;
    }
  } catch {
    // no sound device: the colour still tells
  }
}
