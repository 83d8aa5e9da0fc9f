// The outcome of the last send, under a form: "Sent “on”" or the error.

export function SendResult({ result }) {
  if (!result) return null;
  return result.ok ? (
    <p class="sent" role="status">Sent <code>{result.message === '' ? '(empty)' : result.message}</code></p>
  ) : (
    <p class="error" role="alert">{result.message}</p>
  );
}
