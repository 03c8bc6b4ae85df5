import type { App } from 'aws-cdk-lib';
import * as z from 'zod';

/**
 * Deployment parameters, from CDK context (`-c name=value` or cdk.json). The region is a
 * parameter, not the CLI profile's region, so `npm run synth` gives the same templates on
 * every machine and a deployment lands in ap-southeast-1 unless asked otherwise.
 */
export const AppConfigSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, at most 20')
    .default('dev'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-southeast-1')
    .default('ap-southeast-1'),
  /** The first administrator's account, created once (see FirstAdmin). */
  adminUsername: z
    .string()
    .regex(/^[a-z][a-z0-9._-]{2,39}$/, 'lowercase, 3-40 characters')
    .default('quantri'),
  adminDisplayName: z.string().min(1).max(100).default('Quản trị viên'),
  /** Where alarms are e-mailed; without it, subscribe to the alarm topic yourself. */
  alarmEmail: z.email().optional(),
  /** The domain notifications are sent from: an SES identity, verified by the DKIM records SES gives. */
  mailDomain: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain such as danvan.quangninh.gov.vn')
    .default('dan-van-kheo.example.org'),
});

export type AppConfig = z.infer<typeof AppConfigSchema>;

/** Reads and checks the context; a bad value fails the synth with every problem listed. */
export function appConfig(app: App): AppConfig {
  const raw = Object.fromEntries(Object.keys(AppConfigSchema.shape).map((key) => [key, app.node.tryGetContext(key) ?? undefined]));
  const parsed = AppConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `-c ${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid deployment parameters: ${problems}`);
  }
  return parsed.data;
}
