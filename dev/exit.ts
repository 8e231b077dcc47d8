/**
 * How a command-line tool ends. `process.exit()` right after a large write to a pipe loses what the
 * pipe did not yet take (a pipe holds 64 KiB; the rest waits in the process and dies with it), and a
 * file redirect hides the loss. So a tool ends here: once standard output and standard error have
 * handed everything to the operating system, and with the exit code it means.
 */

/** Resolves when everything written to the stream so far has been handed over (or cannot be). */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    // Writes complete in order: the callback of an empty write runs after every earlier one.
    stream.write("", () => resolve());
  });
}

/**
 * A reader that stops early (`| head`) closes the pipe: the tool then has nothing left to say, and
 * ends quietly with the code it has instead of a crash on EPIPE.
 */
export function toleratePipeClosed(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") return;
      throw error;
    });
  }
}

/**
 * Ends the process with `code` once standard output and standard error are written. Anything left
 * running (a server's idle connection, a stray timer) does not keep the tool alive after that.
 */
export async function exitWhenWritten(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit(code);
}

/**
 * Runs a tool's `main` as every tool here ends: a closed pipe is no crash, the code `main` answers
 * (0 when it answers none) once everything is written, and a failure's reason on standard error
 * (standard output carries only the result) with exit code 1.
 */
export function runCli(main: () => Promise<number | void>): void {
  toleratePipeClosed();
  main().then(
    (code) => exitWhenWritten(code ?? 0),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return exitWhenWritten(1);
    },
  );
}
