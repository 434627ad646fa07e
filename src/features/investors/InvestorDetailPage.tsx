import { Link } from "@tanstack/react-router";
import { Pencil } from "lucide-react";
import { useEffect, useState } from "react";
import type { Investor, InvestorProfile } from "@/domain/investors";
import { errorMessage, isApiError } from "@/lib/apiError";
import { formatDate } from "@/lib/format";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AccreditationBadge } from "./AccreditationBadge";
import { CapitalBar } from "./charts/CapitalBar";
import { ActivityCard } from "./detail/ActivityCard";
import { MatchesCard } from "./detail/MatchesCard";
import { PortfolioCard } from "./detail/PortfolioCard";
import { ContactCard, PreferencesCard } from "./detail/ProfileCards";
import { investorName } from "./format";
import { InvestorForm } from "./InvestorForm";
import { toFormValues, toUpdateRequest } from "./investorFormSchema";
import { getInvestor, patchInvestor } from "./investorsApi";

type Load = { status: "loading" } | { status: "ready"; profile: InvestorProfile } | { status: "missing" } | { status: "error"; message: string };

/**
 * An investor: contact, accreditation and preferences (edited in place), capital committed vs available, the
 * portfolio with its charts, the open deals that fit them, and the communication history.
 */
export function InvestorDetailPage({ investorId }: { investorId: string }) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getInvestor(investorId, controller.signal).then(
      (profile) => setLoad({ status: "ready", profile }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setLoad(isApiError(error) && error.status === 404 ? { status: "missing" } : { status: "error", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [investorId, attempt]);

  if (load.status === "loading") return <Spinner label="Loading investor" />;
  if (load.status === "missing") {
    return (
      <Notice title="Investor not found" action={<Link to="/investors" className="text-accent-600 underline">Back to investors</Link>}>
        They may have been removed, or belong to another org.
      </Notice>
    );
  }
  if (load.status === "error") {
    return (
      <Notice
        title="Couldn't load the investor"
        action={
          <Button variant="secondary" onClick={() => { setLoad({ status: "loading" }); setAttempt((n) => n + 1); }}>
            Retry
          </Button>
        }
      >
        {load.message}
      </Notice>
    );
  }

  const { profile } = load;
  const saved = (investor: Investor) => {
    setLoad({ status: "ready", profile: { ...profile, ...investor } });
    setEditing(false);
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link to="/investors" className="text-sm text-zinc-500 hover:underline">
            ← Investors
          </Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{investorName(profile)}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            {profile.company && <span>{profile.company}</span>}
            <AccreditationBadge status={profile.accreditationStatus} />
            <span>added {formatDate(profile.createdAt)}</span>
          </p>
        </div>
        {!editing && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            <Pencil className="size-4" aria-hidden="true" />
            Edit investor
          </Button>
        )}
      </div>

      {editing && (
        <Card>
          <CardHeader>
            <h2 className="font-medium">Edit investor</h2>
          </CardHeader>
          <CardBody>
            <InvestorForm
              label="Edit investor"
              defaultValues={toFormValues(profile)}
              submitLabel="Save changes"
              cancel={
                <Button variant="secondary" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              }
              onSubmit={async (values) => {
                const patch = toUpdateRequest(profile, values);
                if (Object.keys(patch).length === 0) return setEditing(false);
                const investor = await patchInvestor(profile.id, patch);
                toast({ title: "Investor saved", variant: "success" });
                saved(investor);
              }}
            />
          </CardBody>
        </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-1">
          {!editing && <ContactCard investor={profile} />}
          {!editing && <PreferencesCard investor={profile} />}
          <Card>
            <CardHeader>
              <h2 className="font-medium">Capital</h2>
            </CardHeader>
            <CardBody>
              <CapitalBar committed={profile.capitalCommitted} available={profile.capitalAvailable} />
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-2">
          <PortfolioCard portfolio={profile.portfolio} />
          <MatchesCard investorId={profile.id} version={profile.updatedAt} />
          <ActivityCard items={profile.activity} />
        </div>
      </div>
    </div>
  );
}
