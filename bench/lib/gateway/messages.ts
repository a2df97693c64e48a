import type { ChildProcess } from 'node:child_process';

/** What the bench's processes tell each other over their IPC channel. */
export type Message = Record<string, unknown> & { type: string };

/** Sends a message to the parent process. */
export const send = (message: Message): void => {
  process.send?.(message);
};

/** The next message of `type` from a child. */
export function nextMessage(child: ChildProcess, type: string): Promise<Message> {
  return new Promise((resolve) => {
    const listen = (message: Message): void => {
      if (message.type !== type) return;
      child.off('message', listen);
      resolve(message);
    };
    child.on('message', listen);
  });
}
