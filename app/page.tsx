export default function HomePage() {
  return (
    <main>
      <h1>Upstream</h1>
    </main>
  );
}
