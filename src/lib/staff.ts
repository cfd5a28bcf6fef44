// Console staff: the shape of a sign-in address, of a password staff may choose, and of the
// sign-in form. Shared by the staff CLI and the sign-in page.
import { z } from 'zod';

/** What a console account may do; src/lib/console-rights.ts maps each role to its sections. */
export const staffRoles = ['agent', 'editor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Sign-in addresses are kept lowercased, so Ana@Example.com and ana@example.com are one account. */
export const staffEmailSchema = z.string().trim().toLowerCase().pipe(z.email('must be an email address, e.g. ana@alpenhost.example').max(254, 'must be at most 254 characters'));

/** 12 characters: the length at which a password chosen by a person resists offline guessing for long enough. */
export const minPasswordLength = 12;
export const passwordSchema = z.string().min(minPasswordLength, `must be at least ${minPasswordLength} characters`).max(200, 'must be at most 200 characters');

export const staffInputSchema = z.object({
  email: staffEmailSchema,
  role: z.enum(staffRoles, `must be one of ${staffRoles.join(', ')}`),
  password: passwordSchema.optional(),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

/**
 * The sign-in form. Deliberately loose beyond "present": whether an address is well formed or a
 * password long enough says nothing the generic "wrong" answer should not already cover. The
 * hidden `next` field is not part of it: an unusable one is replaced, never an error to show.
 */
export const signInInputSchema = z.object({
  email: z.string('Enter your email address.').trim().toLowerCase().min(1, 'Enter your email address.').max(254, 'This is longer than any staff address.'),
  password: z.string('Enter your password.').min(1, 'Enter your password.').max(1024, 'This is longer than any staff password.'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;
