// The console's status composer: one form for opening or updating an incident and for scheduling
// or editing a maintenance. Rendered on the server as a plain HTML form that posts without
// JavaScript; hydrated (client:load, on the console's status pages only), choosing a status fills
// in its template from content/status/templates.yaml and a preview shows the update as customers
// will read it, through the status page's own Markdown rendering (src/lib/status-markdown.ts).
// Field errors come from the server (the store's validation) and sit beside their inputs.
import { useId, useState, type ReactNode } from 'react';
import { statusMarkdown } from '../../lib/status-markdown';

export interface Option { value: string; label: string }
export interface ComponentOption { id: string; name: string; group: string }

export interface ComposerProps {
  /** Where the form posts (the page itself). */
  action: string;
  submitLabel: string;
  /** What the preview calls the entry when the form has no title field (an update). */
  entryTitle?: string;
  /** Fields the form shows. */
  fields: {
    title?: boolean;
    impact?: boolean;
    /** `status`: a select per component (incidents); `check`: a checkbox per component (maintenance). */
    components?: 'status' | 'check';
    window?: boolean;
    reopen?: boolean;
    /** The status select and its templates; false for an edit that posts no update. */
    status?: boolean;
    /** The message may be left empty (a maintenance edit without a note). */
    messageOptional?: boolean;
  };
  statuses: Option[];
  templates: Record<string, string>;
  impacts?: Option[];
  components?: ComponentOption[];
  componentStatuses?: Option[];
  /** The values typed (or prefilled): field name → value, as the form posts them. */
  values: Record<string, string>;
  /** The store's errors by form field, and one for the whole form. */
  errors: Record<string, string[]>;
  /** What the window's times are read in, e.g. "Europe/Zurich". */
  timeZone?: string;
}

const componentField = (id: string) => `component:${id}`;

function Field({ name, label, errors, hint, children }: { name: string; label: string; errors: Record<string, string[]>; hint?: string; children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ReactNode }) {
  const id = `f-${useId().replace(/:/g, '')}`;
  const problems = errors[name];
  const described = [hint ? `${id}-hint` : '', problems ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problems ? 'true' : undefined, 'aria-describedby': described })}
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {problems && <p className="error" id={`${id}-error`}>{problems.join(' ')}</p>}
    </div>
  );
}

export default function StatusComposer(props: ComposerProps) {
  const { fields, statuses, templates } = props;
  const [values, setValues] = useState<Record<string, string>>(props.values);
  // The server's errors; a field's goes once it is changed, so what is left is what needs fixing.
  const [errors, setErrors] = useState<Record<string, string[]>>(props.errors);
  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _fixed, ...rest } = e;
      return rest;
    });
  };
  const value = (name: string) => values[name] ?? '';

  // A status change brings its template, unless the message was written by hand.
  const chooseStatus = (status: string) => {
    set('status', status);
    setValues((v) => {
      const untouched = !v.message?.trim() || Object.values(templates).some((t) => t.trim() === v.message.trim());
      return { ...v, status, message: untouched && templates[status] ? templates[status] : v.message };
    });
  };

  const label = (options: Option[] | undefined, v: string) => options?.find((o) => o.value === v)?.label ?? v;
  const affected = (props.components ?? []).filter((c) => value(componentField(c.id)) !== '');
  const groups = [...new Set((props.components ?? []).map((c) => c.group))];
  const formErrors = errors._ ?? [];
  const otherErrors = Object.keys(errors).filter((k) => k !== '_').length > 0;
  const title = fields.title ? value('title') : props.entryTitle;

  const titleField = (
    <>
      {fields.title && (
        <Field name="title" label="Title" errors={errors} hint="What customers experience, e.g. “Delayed delivery of incoming mail”.">
          {(a) => <input {...a} name="title" type="text" maxLength={120} required value={value('title')} onChange={(e) => set('title', e.target.value)} />}
        </Field>
      )}
    </>
  );
  const impactField = (
    <>
      {fields.impact && props.impacts && (
        <Field name="impact" label="Impact" errors={errors}>
          {(a) => (
            <select {...a} name="impact" value={value('impact')} onChange={(e) => set('impact', e.target.value)}>
              {props.impacts!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
        </Field>
      )}
    </>
  );
  const componentsField = (
    <>
      {fields.components && props.components && (
        <fieldset className="components" aria-describedby={errors.components ? 'components-error' : undefined}>
          <legend>{fields.components === 'status' ? 'Affected services' : 'Services under maintenance'}</legend>
          {errors.components && <p className="error" id="components-error">{errors.components.join(' ')}</p>}
          {groups.map((group) => (
            <div className="group" key={group}>
              <p className="group-name">{group}</p>
              {props.components!.filter((c) => c.group === group).map((c) => {
                const name = componentField(c.id);
                const problems = errors[name];
                const id = `c-${c.id}`;
                return (
                  <div className={fields.components === 'check' ? 'component check' : 'component'} key={c.id}>
                    {fields.components === 'status' ? (
                      <>
                        <label htmlFor={id}>{c.name}</label>
                        <select id={id} name={name} value={value(name)} onChange={(e) => set(name, e.target.value)} aria-invalid={problems ? 'true' : undefined} aria-describedby={problems ? `${id}-error` : undefined}>
                          <option value="">Not affected</option>
                          {props.componentStatuses!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                        </select>
                      </>
                    ) : (
                      <label htmlFor={id}>
                        <input id={id} type="checkbox" name={name} value="on" checked={value(name) === 'on'} onChange={(e) => set(name, e.target.checked ? 'on' : '')} aria-invalid={problems ? 'true' : undefined} aria-describedby={problems ? `${id}-error` : undefined} />
                        {c.name}
                      </label>
                    )}
                    {problems && <p className="error" id={`${id}-error`}>{problems.join(' ')}</p>}
                  </div>
                );
              })}
            </div>
          ))}
          {/* Components posted that the page does not list (a stale form): kept, so the error shows. */}
          {Object.keys(errors).filter((k) => k.startsWith('component:') && !(props.components ?? []).some((c) => componentField(c.id) === k)).map((k) => (
            <p className="error" key={k}>{k.slice('component:'.length)}: {errors[k].join(' ')}</p>
          ))}
        </fieldset>
      )}
    </>
  );
  const windowField = (
    <>
      {fields.window && (
        <div className="window">
          <Field name="scheduledFor" label="Starts" errors={errors} hint={props.timeZone ? `${props.timeZone} time` : undefined}>
            {(a) => <input {...a} name="scheduledFor" type="datetime-local" value={value('scheduledFor')} onChange={(e) => set('scheduledFor', e.target.value)} />}
          </Field>
          <Field name="scheduledUntil" label="Ends" errors={errors} hint={props.timeZone ? `${props.timeZone} time` : undefined}>
            {(a) => <input {...a} name="scheduledUntil" type="datetime-local" value={value('scheduledUntil')} onChange={(e) => set('scheduledUntil', e.target.value)} />}
          </Field>
        </div>
      )}
    </>
  );
  const statusField = (
    <>
      {fields.status !== false && (
        <Field name="status" label="Status" errors={errors}>
          {(a) => (
            <select {...a} name="status" value={value('status')} onChange={(e) => chooseStatus(e.target.value)}>
              {statuses.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
        </Field>
      )}
    </>
  );
  const reopenField = (
    <>
      {fields.reopen && (
        <div className="field reopen">
          <label>
            <input type="checkbox" name="reopen" value="on" checked={value('reopen') === 'on'} onChange={(e) => set('reopen', e.target.checked ? 'on' : '')} aria-invalid={errors.reopen ? 'true' : undefined} />
            Reopen this resolved incident
          </label>
          {errors.reopen && <p className="error">{errors.reopen.join(' ')}</p>}
        </div>
      )}
    </>
  );
  const messageField = (
    <>
      <Field name="message" label={fields.messageOptional ? 'Message (optional)' : 'Message'} errors={errors} hint="Markdown: **bold**, lists, links. Customers read this as it is.">
        {(a) => <textarea {...a} name="message" rows={7} maxLength={10000} value={value('message')} onChange={(e) => set('message', e.target.value)} />}
      </Field>
    </>
  );

  return (
    <div className="composer">
      <form method="post" action={props.action} noValidate className="composer-form">
        {(formErrors.length > 0 || otherErrors) && (
          <p className="form-error" role="alert">{formErrors.length ? formErrors.join(' ') : 'Nothing was posted; see the fields below.'}</p>
        )}
        {/* Opening or scheduling starts with what it is; an update starts with where it stands now. */}
        {fields.title
          ? <>{titleField}{impactField}{componentsField}{windowField}{statusField}{reopenField}{messageField}</>
          : <>{statusField}{reopenField}{messageField}{impactField}{componentsField}{windowField}</>}
        <button className="button big" type="submit">{props.submitLabel}</button>
      </form>
      <section className="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        <div className="preview-card">
          <p className="preview-title">{title?.trim() || 'Untitled'}</p>
          <p className="preview-meta">
            {fields.impact && <span className={`badge ${value('impact')}`}>{label(props.impacts, value('impact'))} impact</span>}
            {fields.status !== false && <strong>{label(statuses, value('status'))}</strong>}
          </p>
          {fields.components === 'status' && affected.length > 0 && (
            <ul className="preview-components">
              {affected.map((c) => <li key={c.id}>{c.name}: {label(props.componentStatuses, value(componentField(c.id)))}</li>)}
            </ul>
          )}
          {fields.components === 'check' && affected.length > 0 && (
            <p className="preview-components">Under maintenance: {affected.map((c) => c.name).join(', ')}</p>
          )}
          {value('message').trim()
            ? <div className="preview-body" dangerouslySetInnerHTML={{ __html: statusMarkdown(value('message')) }} />
            : <p className="muted">The message appears here as customers will see it.</p>}
        </div>
      </section>
    </div>
  );
}
