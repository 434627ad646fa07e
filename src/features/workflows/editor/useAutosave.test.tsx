import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useAutosave } from "./useAutosave";

describe("useAutosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 800 ms after the last edit, and reports unsaved → saving → saved", async () => {
    const save = vi.fn(() => Promise.resolve());
    const { result, rerender } = renderHook(({ revision }) => useAutosave(save, revision), { initialProps: { revision: 0 } });
    expect(result.current.state).toBe("saved");
    rerender({ revision: 1 });
    expect(result.current.state).toBe("unsaved");
    await act(() => vi.advanceTimersByTimeAsync(500));
    rerender({ revision: 2 });
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(save).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.state).toBe("saved");
  });

  it("shows a failed save and saves again on flush", async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValue(undefined);
    const { result, rerender } = renderHook(({ revision }) => useAutosave(save, revision), { initialProps: { revision: 0 } });
    rerender({ revision: 1 });
    await act(() => vi.advanceTimersByTimeAsync(900));
    expect(result.current.state).toBe("error");
    expect(result.current.error).toBe("offline");
    let ok = false;
    await act(async () => {
      ok = await result.current.flush();
    });
    expect(ok).toBe(true);
    expect(result.current.state).toBe("saved");
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("saves what is left when unmounted", async () => {
    const save = vi.fn(() => Promise.resolve());
    const { rerender, unmount } = renderHook(({ revision }) => useAutosave(save, revision), { initialProps: { revision: 0 } });
    rerender({ revision: 1 });
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(save).toHaveBeenCalledTimes(1);
  });
});
