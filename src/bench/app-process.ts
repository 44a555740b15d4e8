import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { AppConfig } from '../config';
import { createApp } from '../http/create-app';

/**
 * The app under test in a process of its own, as it is deployed: its event loop is not the benchmark
 * client's, so a client timer is not held up by the server's work (nor the server by the client's), and
 * on two cores each has one. The bench forks this file, sends `start`, and gets the port back.
 */

export type ToAppProcess = { type: 'start'; config: AppConfig } | { type: 'close' };
export type FromAppProcess = { type: 'listening'; port: number } | { type: 'failed'; error: string } | { type: 'closed' };

/** Exits once the message is out, where asked to: exiting straight away may lose it. */
const send = (message: FromAppProcess, exitCode?: number) =>
  process.send?.(message, undefined, {}, () => {
    if (exitCode !== undefined) process.exit(exitCode);
  });

const serve = () => {
  let app: INestApplication | undefined;
  process.on('message', (message: ToAppProcess) => {
    if (message.type === 'start') {
      void (async () => {
        try {
          app = await createApp(message.config, false);
          // 127.0.0.1 only, on any free port.
          await app.listen(0, '127.0.0.1');
          send({ type: 'listening', port: (app.getHttpServer().address() as AddressInfo).port });
        } catch (error) {
          send({ type: 'failed', error: (error as Error).stack ?? String(error) }, 1);
        }
      })();
    } else {
      void (async () => {
        await app?.close();
        send({ type: 'closed' }, 0);
      })();
    }
  });
  // The bench went away without closing us: nothing is left to serve.
  process.on('disconnect', () => process.exit(1));
};

if (require.main === module) serve();
