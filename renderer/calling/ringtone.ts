/**
 * The ringtone, made with WebAudio so the app ships no audio file: a two-tone ring (440 Hz +
 * 480 Hz, 2 s on, 4 s off) for an incoming call, and a short soft beep every few seconds for a
 * call waiting while already in a call, so the person on the line is not drowned out.
 */
export type RingKind = 'ring' | 'waiting';

interface Pattern {
  frequencies: number[];
  onMs: number;
  periodMs: number;
  gain: number;
}

const patterns: Record<RingKind, Pattern> = {
  ring: { frequencies: [440, 480], onMs: 2000, periodMs: 6000, gain: 0.15 },
  waiting: { frequencies: [440], onMs: 300, periodMs: 5000, gain: 0.08 },
};

export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private kind: RingKind | null = null;

  constructor(private readonly createContext: () => AudioContext | null = defaultContext) {}

  get playing(): RingKind | null {
    return this.kind;
  }

  play(kind: RingKind): void {
    if (this.kind === kind) return;
    this.stop();
    this.context ??= this.createContext();
    const context = this.context;
    if (!context) return;
    this.kind = kind;
    const pattern = patterns[kind];
    const burst = () => {
      const start = context.currentTime;
      const gain = context.createGain();
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(pattern.gain, start + 0.02);
      gain.gain.setValueAtTime(pattern.gain, start + pattern.onMs / 1000 - 0.02);
      gain.gain.linearRampToValueAtTime(0, start + pattern.onMs / 1000);
      gain.connect(context.destination);
      for (const frequency of pattern.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(start);
        oscillator.stop(start + pattern.onMs / 1000);
      }
    };
    void context.resume?.().catch(() => {});
    burst();
    this.timer = setInterval(burst, pattern.periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.kind = null;
  }
}

function defaultContext(): AudioContext | null {
  return typeof AudioContext === 'undefined' ? null : new AudioContext();
}
