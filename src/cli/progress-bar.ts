/**
 * A progress bar on stderr with a rate (items/s), redrawn in place on a terminal and printed every
 * tenth of the way otherwise (CI logs), so stdout stays clean for the report.
 */
export const progressBar = (label: string, unit: string, stream: NodeJS.WriteStream = process.stderr) => {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update(done: number, total: number) {
      const fraction = total === 0 ? 1 : done / total;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const width = 30;
      const filled = Math.round(fraction * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} ${unit} ${Math.round(done / seconds)} ${unit}/s`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (Math.floor(fraction * 10) > lastDecile) {
        lastDecile = Math.floor(fraction * 10);
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
};
