import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { user } from "@/test/fixtures";
import { SignInForm } from "./SignInForm";

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("SignInForm", () => {
  beforeEach(() => useSession.getState().clear());

  it("shows a field error for an invalid email and does not call the API", async () => {
    const fetchMock = mockFetch(() => jsonResponse({}));
    render(<SignInForm onSignedIn={vi.fn()} />);

    fill("not-an-email", "secret-pass");

    expect(await screen.findByText("must be a valid email address")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("must be a valid email address");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("requires a password", async () => {
    mockFetch(() => jsonResponse({}));
    render(<SignInForm onSignedIn={vi.fn()} />);

    fill("agent@demo.test", "");

    expect(await screen.findByText("is required")).toBeInTheDocument();
  });

  it("shows the server's 401 as a form-level message", async () => {
    mockFetch(() => apiError(401, "invalid_credentials", "Incorrect email or password."));
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);

    fill("agent@demo.test", "wrong-password");

    expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect email or password.");
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(useSession.getState().accessToken).toBeNull();
  });

  it("stores the session and signs in with the normalised email", async () => {
    const fetchMock = mockFetch(() =>
      jsonResponse({ accessToken: "access-1", refreshToken: "refresh-1", expiresIn: 900, user }),
    );
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);

    fill("  Agent@Demo.TEST ", "demo-pass-2026");

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(fetchMock.mock.calls[0][0]).toBe("/api/auth/token");
    expect(bodyOf(fetchMock)).toEqual({ email: "agent@demo.test", password: "demo-pass-2026" });
    expect(useSession.getState()).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1", user });
  });
});
