import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSession } from "@/lib/session";
import { apiError, bodyOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { SignUpForm } from "./SignUpForm";

function fill() {
  fireEvent.change(screen.getByLabelText("Organization name"), { target: { value: "Acme Realty" } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "new@acme.test" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "long-enough-pass" } });
  fireEvent.click(screen.getByRole("button", { name: "Create account" }));
}

describe("SignUpForm", () => {
  beforeEach(() => useSession.getState().clear());

  it("puts a 409 email_taken under the Email field", async () => {
    mockFetch(() => apiError(409, "email_taken", "Email already registered", { email: "is already registered" }));
    render(<SignUpForm onSignedUp={vi.fn()} />);

    fill();

    expect(await screen.findByText("is already registered")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("creates the account and makes the new org active", async () => {
    const fetchMock = mockFetch(() =>
      jsonResponse(
        { accessToken: "a", refreshToken: "r", expiresIn: 900, user, org: { id: orgId, name: "Acme Realty" } },
        201,
      ),
    );
    const onSignedUp = vi.fn();
    render(<SignUpForm onSignedUp={onSignedUp} />);

    fill();

    await waitFor(() => expect(onSignedUp).toHaveBeenCalledOnce());
    expect(bodyOf(fetchMock)).toEqual({ email: "new@acme.test", password: "long-enough-pass", orgName: "Acme Realty" });
    expect(useSession.getState().activeOrgId).toBe(orgId);
  });
});
