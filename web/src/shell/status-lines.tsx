/** What just happened (read out politely) and what went wrong (read out at once), under a page's controls. */
export function StatusLines({ status, error }: { status: string; error: string }) {
  return (
    <>
      <p role="status" className="status">
        {status}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
