import { Inject, Injectable } from '@nestjs/common';
import { tooMany } from '@hoinghi/domain';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Password hashes are slow on purpose (argon2id, tens of milliseconds of CPU and 64 MB each). Run
 * unbounded, forty parallel logins fill libuv's thread pool and both cores and every other request
 * waits; so at most `loginHashConcurrency` run at once and at most `loginHashQueue` wait, and the
 * next login is told to come back (429 LOGIN_BUSY with Retry-After).
 */
@Injectable()
export class PasswordChecks {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(hash: string, password: string): Promise<boolean> {
    await this.acquire();
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash is a failed login, not a 500
    } finally {
      this.release();
    }
  }

  /** How many checks run and wait now (tests, diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private acquire(): Promise<void> {
    if (this.running < this.config.loginHashConcurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.config.loginHashQueue) {
      throw tooMany('LOGIN_BUSY', 'Too many sign-ins are being checked right now; try again in a moment.', 1);
    }
    // The slot passes straight to the next waiter: `running` does not change.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
