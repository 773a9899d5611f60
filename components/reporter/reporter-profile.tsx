import type { Reporter } from '@/lib/content';

export interface ReporterProfileProps {
  reporter: Reporter;
}

/** A reporter's profile under their name: role and desk, e-mail, a short bio, links. */
export function ReporterProfile({ reporter }: ReporterProfileProps) {
  return (
    <div className="mt-2 flex gap-4">
      {reporter.photo ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={reporter.photo}
          alt={`${reporter.name} ${reporter.role}`}
          width={80}
          height={80}
          referrerPolicy="no-referrer"
          className="h-20 w-20 shrink-0 rounded-full bg-neutral-100 object-cover dark:bg-neutral-800"
        />
      ) : null}
      <div className="flex flex-col gap-1 text-[0.95rem] text-neutral-700 dark:text-neutral-300">
        <p className="font-semibold">
          {[reporter.desk, reporter.role].filter(Boolean).join(' · ')}
        </p>
        {reporter.email && reporter.emailPublic ? (
          <p>
            <a href={`mailto:${reporter.email}`} className="underline underline-offset-2">
              {reporter.email}
            </a>
          </p>
        ) : null}
        {reporter.bio ? <p>{reporter.bio}</p> : null}
        {reporter.links.length > 0 ? (
          <ul className="flex flex-wrap gap-3 text-sm">
            {reporter.links.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  rel="me noopener noreferrer"
                  target="_blank"
                  className="underline underline-offset-2"
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
