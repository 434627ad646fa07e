import { Link } from "@tanstack/react-router";
import { Compass } from "lucide-react";
import { Notice } from "@/ui/Notice";

export function NotFound() {
  return (
    <div className="mx-auto max-w-lg px-4 py-16">
      <Notice
        icon={<Compass className="size-5" aria-hidden="true" />}
        title="Page not found"
        action={
          <Link to="/leads" className="text-sm font-medium text-accent-700 hover:underline dark:text-accent-400">
            Go to leads
          </Link>
        }
      >
        The page you were looking for doesn't exist or has moved.
      </Notice>
    </div>
  );
}
