import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="narrow">
      <h1>Forbidden (403)</h1>
      <p>This page is for admins only. You are signed in, but your account is not an admin account.</p>
      <p>
        <Link href="/">Go to the uploader</Link>
      </p>
    </div>
  );
}
