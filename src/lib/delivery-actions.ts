// The console's delivery page (src/pages/console/delivery.astro) as data: the actions its forms
// post, checked by one schema so every button gets a 400 with field errors rather than a 500.
import { z } from 'zod';
import { webhookInputSchema } from './webhooks.ts';

const id = z.coerce.number({ error: 'must be a message or webhook number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be a whole number' });

export const deliveryActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('retry'), id }),
  z.object({ action: z.literal('enable-webhook'), id }),
  z.object({ action: z.literal('delete-webhook'), id }),
  z.object({ action: z.literal('add-webhook'), url: webhookInputSchema.shape.url, events: webhookInputSchema.shape.events, scope: webhookInputSchema.shape.scope }),
], { error: 'must be retry, enable-webhook, delete-webhook or add-webhook' });

export type DeliveryAction = z.infer<typeof deliveryActionSchema>;
