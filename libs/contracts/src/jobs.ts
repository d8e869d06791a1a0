// Bull queues between the meeting service and the worker: names and payloads, declared once.

export const QueueName = {
  Maintenance: 'maintenance',
} as const;

export const JobName = {
  /** Proves the worker is consuming; answered with the worker's identity. */
  Heartbeat: 'heartbeat',
} as const;

export interface HeartbeatJob {
  sentAt: string;
}

export interface HeartbeatResult {
  worker: string;
  receivedAt: string;
}
