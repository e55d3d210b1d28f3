import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="narrow">
      <h1>Not found</h1>
      <p>There is nothing here, or it is not yours to see.</p>
      <p>
        <Link href="/videos">Go to my videos</Link>
      </p>
    </div>
  );
}
