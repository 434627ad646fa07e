import * as Sentry from "@sentry/react";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorFallback } from "./ErrorFallback";

interface Props {
  children: ReactNode;
  /** A change (e.g. the path) clears a shown error, so navigating away recovers. */
  resetKey?: unknown;
}

interface State {
  error: unknown;
  resetKey: unknown;
}

/** Catches render errors in the routed content, reports them to Sentry and offers "Try again". */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error("Unknown error") };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null };
    return null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    Sentry.captureException(error, { contexts: { react: { componentStack: info.componentStack ?? "" } } });
  }

  private readonly retry = () => this.setState({ error: null });

  render(): ReactNode {
    return this.state.error ? <ErrorFallback onRetry={this.retry} /> : this.props.children;
  }
}
