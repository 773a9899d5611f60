import { Photo } from '@/components/media/photo';
import type { Reporter } from '@/lib/content';
import { PHOTO_SIZES } from '@/lib/media/picture';
import { resolveImage } from '@/lib/media/resolve-image';

export interface ReporterProfileProps {
  reporter: Reporter;
}

/** A reporter's profile under their name: role and desk, e-mail, a short bio, links. */
export function ReporterProfile({ reporter }: ReporterProfileProps) {
  const photo = resolveImage(reporter.photo);
  return (
    <div className="mt-2 flex gap-4">
      {photo ? (
        <div className="h-20 w-20 shrink-0 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800 [&_img]:h-full [&_img]:w-full [&_img]:object-cover">
          <Photo image={photo} alt={`${reporter.name} ${reporter.role}`} sizes={PHOTO_SIZES.portrait} />
        </div>
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
