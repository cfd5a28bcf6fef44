// Console staff: the shape of a sign-in address, of a password staff may choose, and of the
// sign-in and change-password forms. Shared by the staff CLI and the console pages.
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

/**
 * The change-password form: the current password (so an open session left on a desk cannot take
 * the account), and the new one twice, long enough and not the current one again.
 */
export const passwordChangeSchema = z
  .object({
    current: z.string('Enter your current password.').min(1, 'Enter your current password.').max(1024, 'This is longer than any staff password.'),
    password: z.string('Choose a new password.').min(minPasswordLength, `Choose a password of at least ${minPasswordLength} characters.`).max(200, 'Choose a password of at most 200 characters.'),
    confirm: z.string('Type the new password again.'),
  })
  .superRefine((value, context) => {
    if (value.confirm !== value.password) context.addIssue({ code: 'custom', path: ['confirm'], message: 'This differs from the new password; type the same one twice.' });
    if (value.password === value.current) context.addIssue({ code: 'custom', path: ['password'], message: 'Choose a password other than your current one.' });
  });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;
