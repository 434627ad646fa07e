import * as Sentry from "@sentry/react";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

vi.mock("@sentry/react", () => ({ captureException: vi.fn() }));

describe("ErrorBoundary", () => {
  it("shows a friendly message, reports to Sentry and recovers on Try again", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const capture = vi.mocked(Sentry.captureException);
    let broken = true;
    function Page() {
      if (broken) throw new Error("boom");
      return <p>All good</p>;
    }

    render(
      <ErrorBoundary>
        <Page />
      </ErrorBoundary>,
    );

    expect(screen.getByText("Something went wrong")).toBeInTheDocument();
    expect(screen.queryByText("boom")).not.toBeInTheDocument();
    expect(capture).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }), expect.anything());

    broken = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));

    expect(screen.getByText("All good")).toBeInTheDocument();
  });
});
