import * as z from 'zod/mini';

/**
 * Properties of the `Custom::FirstAdmin` resource: the CDK construct (infra/constructs/
 * first-admin.ts) is typed from this schema and the bootstrap-admin handler parses it.
 */
export const FirstAdminPropsSchema = z.object({
  Username: z.string().check(z.regex(/^[a-z][a-z0-9._-]{2,39}$/)),
  DisplayName: z.string().check(z.minLength(1), z.maxLength(100)),
  PasswordSecretArn: z.string().check(z.startsWith('arn:')),
});
export type FirstAdminProps = z.infer<typeof FirstAdminPropsSchema>;
