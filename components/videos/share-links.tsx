import { CopyButton } from './copy-button';

export type ShareLink = { term: string; value: string; copyLabel: string; isCode?: boolean };

/**
 * Cloudflare's per-video links, each with a copy button: the share link (the public watch page), the embed code (the iframe player) and the playback manifests.
 */
export function ShareLinks({ links, hint }: { links: readonly ShareLink[]; hint?: string }) {
  return (
    <>
      {hint && <p className="field__hint">{hint}</p>}
      <dl className="share-links">
        {links.map((link) => (
          <div key={link.term} className="share-links__row">
            <dt>{link.term}</dt>
            <dd>
              {link.isCode ? <pre className="share-links__code">{link.value}</pre> : <code className="share-links__value">{link.value}</code>}
              <CopyButton text={link.value} label={link.copyLabel} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
