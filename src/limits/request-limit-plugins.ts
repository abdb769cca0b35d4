import type { Plugin } from 'graphql-yoga';
import type { PageLimits } from '../context.ts';
import { operationShapeRule } from './operation-shape-rule.ts';
import { useQueryCostLimit } from './query-cost-plugin.ts';
import { useRateLimit } from './rate-limit-plugin.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { RequestLimits } from './request-limits.ts';
import { useRequestSizeLimit } from './request-size-plugin.ts';
import { useSubscriptionLimit } from './subscription-limit-plugin.ts';
import { SubscriptionSlots } from './subscription-slots.ts';
import { useTokenLimit } from './token-limit-plugin.ts';

/** The limits of one app: its yoga plugins, and the rate limiter graphql-ws shares with them. */
export interface RequestLimiting {
  limits: RequestLimits;
  rateLimiter: RateLimiter;
  subscriptionSlots: SubscriptionSlots;
  /** Yoga plugins; place them right after `useAuthentication` (the rate limit needs the principal). */
  plugins: Plugin[];
}

/** Builds every request limit of an app (see {@link RequestLimits}). */
export function createRequestLimiting(limits: RequestLimits, pages: PageLimits): RequestLimiting {
  const rateLimiter = new RateLimiter({
    perMinute: limits.rateLimitPerMinute,
    burst: limits.rateLimitBurst,
  });
  const subscriptionSlots = new SubscriptionSlots({
    maxPerConnection: limits.maxSubscriptionsPerConnection,
    maxPerPrincipal: limits.maxSubscriptionsPerKey,
  });
  const shapeRule = operationShapeRule(limits);
  return {
    limits,
    rateLimiter,
    subscriptionSlots,
    plugins: [
      useRequestSizeLimit(limits.maxRequestBytes),
      useRateLimit(rateLimiter) as Plugin,
      useTokenLimit(limits.maxTokens),
      { onValidate: ({ addValidationRule }) => addValidationRule(shapeRule) },
      useQueryCostLimit(limits.maxQueryCost, pages),
      useSubscriptionLimit(subscriptionSlots),
    ],
  };
}
