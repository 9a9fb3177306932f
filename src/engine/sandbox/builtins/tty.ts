import type { GuestDeps } from './guest-api.ts';

/**
 * Guest source: Node's `tty` module (runs inside QuickJS; see guest-api.ts). `isatty(fd)` answers whether
 * a descriptor is a terminal (https://nodejs.org/api/tty.html#ttyisattyfd). On Lambda the runtime's
 * stdout and stderr are captured and sent to CloudWatch Logs
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html), not attached to a terminal, so every
 * descriptor answers false: libraries such as debug and supports-color then print without colours.
 * UNVERIFIED: AWS does not document the descriptor type; the pipe is inferred from the log capture.
 * `ReadStream`/`WriteStream` are classes (subclassing and `instanceof` work) whose constructors throw, as
 * there is no terminal to open.
 */
export function createTtyModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const isatty = (fd: unknown): boolean => {
    void fd;
    return false;
  };
  class ReadStream {
    constructor() {
      throw deps.notAvailable('tty.ReadStream (Lambda has no terminal)');
    }
  }
  class WriteStream {
    constructor() {
      throw deps.notAvailable('tty.WriteStream (Lambda has no terminal)');
    }
  }
  return { isatty, ReadStream, WriteStream };
}
