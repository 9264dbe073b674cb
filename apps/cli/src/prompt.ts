import { createInterface } from 'node:readline';

/** Asks one question on the terminal; `secret` hides what is typed (passwords). */
export function ask(question: string, options: { secret?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    if (options.secret) {
      // Echo nothing of the answer: readline writes the typed characters through _writeToOutput.
      const internal = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
      internal._writeToOutput = (s: string) => {
        if (s.startsWith(question) || s === '\r\n' || s === '\n') internal.output.write(s);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}
