/**
 * The SDK clients' default credential provider inside the Lambda bundles (aliased for
 * `@aws-sdk/credential-provider-node` in bundle-options.ts). Lambda hands the function
 * its execution role's keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN ("Defined runtime environment variables",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * which is the first source the full Node chain reads anyway; the rest of that chain
 * (profiles, SSO, IMDS, web identity: about 100 KiB and their module init) never
 * applies on Lambda, so the bundles carry only the environment provider.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type EnvInit = Parameters<typeof fromEnv>[0];

/** Same name and call shape as `defaultProvider` of `@aws-sdk/credential-provider-node`. */
export const defaultProvider = (init?: EnvInit) => fromEnv(init);
