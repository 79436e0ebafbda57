import { createServer } from 'node:net';
import { StartupError } from './errors';

/**
 * Fail early with a line the operator can act on, instead of a child process or vite dying later
 * with EADDRINUSE in the middle of its own output.
 */
export function assertPortFree(port: number, envName: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${port} is already in use: stop the other program or set ${envName}=<a free port>.`));
      } else if (err.code === 'EACCES') {
        reject(new StartupError(`Port ${port} may not be opened by this user: set ${envName} to a port above 1023.`));
      } else {
        reject(new StartupError(`Port ${port} cannot be opened (${err.code ?? err.message}): set ${envName} to another port.`));
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
