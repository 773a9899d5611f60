export default function Page() {
  return (
    <main>
      <h1>바닥선</h1>
      <p>
        클라이언트 컴포넌트가 없는 한 쪽짜리 App Router 앱: 프레임워크가 보내는 최소한의 JavaScript.
      </p>
    </main>
  );
}
