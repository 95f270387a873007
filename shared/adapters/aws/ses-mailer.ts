import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../ports/mailer.js';
import { calling } from './errors.js';

export class SesMailer implements Mailer {
  private readonly client = new SESv2Client({});

  constructor(private readonly from: string) {}

  send(to: string[], subject: string, body: string): Promise<void> {
    return calling('SES', async () => {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          // Recipients never see each other's addresses.
          Destination: { BccAddresses: to },
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    });
  }
}
