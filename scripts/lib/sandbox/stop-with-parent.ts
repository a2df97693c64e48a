/**
 * Preloaded (`node --import`) into each server the sandbox launches: when the launcher's IPC
 * channel closes — the launcher exited, even killed with SIGKILL — the server gets SIGTERM,
 * so it stops the way it stops on Ctrl-C instead of living on as an orphan holding its port.
 */
if (process.send !== undefined) {
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
  });
}
