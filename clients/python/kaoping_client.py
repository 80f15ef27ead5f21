#!/usr/bin/env python3
"""A client for ``kaoping serve``, with the Python standard library only (urllib, json).

Use it as a module::

    from kaoping_client import KaopingClient
    client = KaopingClient("http://127.0.0.1:8080")
    answer = client.evaluate("tax-provincial-2021", data=open("results.json", "rb").read(), period="2021")
    for unit in answer["results"]["units"][:3]:
        print(unit["id"], unit["total"], unit["rank"], unit["tier"])

or from the command line::

    python3 kaoping_client.py --url http://127.0.0.1:8080 policies
    python3 kaoping_client.py evaluate tax-provincial-2021 results.json --period 2021
    python3 kaoping_client.py evaluate tax-provincial-2021 省局.csv 特派办.csv ... --period 2021
    python3 kaoping_client.py explain tax-provincial-2021 results.json --unit 北京 --period 2021
    python3 kaoping_client.py monitor tax-provincial-2021 monthly.json --period 2021M06 [--unit 北京]
    python3 kaoping_client.py analyze tax-provincial-2021 results.json --period 2021 (or --periods all)
    python3 kaoping_client.py bulletin tax-provincial-2021 results.json --period 2021Q2 --previous 2021Q1
    python3 kaoping_client.py recheck tax-provincial-2021 results.json corrected.json --period 2021
    python3 kaoping_client.py tests tax-provincial-2021

Every failure of the service is raised as :class:`KaopingError`, with the service's code (``KS…``), its
message (Chinese, or English with ``language="en"``), where the problem is, and the located data issues or
policy diagnostics when there are any. The contract is published by the service at ``/openapi.json``.
"""

import argparse
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

__all__ = ["KaopingClient", "KaopingError", "results_sha256"]


class KaopingError(Exception):
    """An answer of the service other than success: ``status`` (HTTP), ``code``, ``message``, ``location``,
    and ``issues`` (data problems, each with unit, field, file, row, column) or ``diagnostics`` (policy)."""

    def __init__(self, status, body):
        self.status = status
        self.code = body.get("code", "")
        self.location = body.get("location")
        self.issues = body.get("issues", [])
        self.diagnostics = body.get("diagnostics", [])
        super().__init__(f"{status} {self.code}: {body.get('message', '')}")


def results_sha256(results):
    """The SHA-256 of results as ``kaoping eval --out results.json`` writes them (keys sorted, two-space
    indents, a final newline), to check an answer's ``resultsSha256`` or a decision log line.

    Python writes numbers as JavaScript does for the values results hold (decimals and whole numbers); it
    would differ for numbers below 1e-6 or above 1e21, which scores are not."""
    text = json.dumps(results, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class KaopingClient:
    """One service at ``base_url``; ``token`` is sent as ``Authorization: Bearer`` when given (or taken from
    the ``KAOPING_TOKEN`` environment variable); ``language`` is ``"zh"`` (default) or ``"en"``."""

    def __init__(self, base_url="http://127.0.0.1:8080", token=None, language="zh", timeout=120):
        self.base_url = base_url.rstrip("/")
        self.token = token if token is not None else os.environ.get("KAOPING_TOKEN")
        self.language = language
        self.timeout = timeout

    # ── Policies ────────────────────────────────────────────────────────────

    def policies(self):
        """The policies with their versions, hashes and recent Git revisions."""
        return self._call("GET", "/v1/policies")

    def policy(self, name, rev=None):
        """One policy (at Git revision ``rev``): its sources, hashes and diagnostics."""
        return self._call("GET", self._policy_path(name), {"rev": rev})

    def graph(self, name, rev=None):
        """One policy's compiled rule graph and its SHA-256."""
        return self._call("GET", self._policy_path(name, "graph"), {"rev": rev})

    def check(self, sources):
        """Diagnostics of policy sources given as ``{path: text}``."""
        return self._call("POST", "/v1/check", body=self._sources(sources))

    def build(self, sources):
        """The rule graph of policy sources given as ``{path: text}``."""
        return self._call("POST", "/v1/build", body=self._sources(sources))

    def tests(self, name, rev=None):
        """Run a policy's test blocks: ``passed``, ``failed`` and each test's failures."""
        return self._call("GET", self._policy_path(name, "tests"), {"rev": rev})

    # ── Data ────────────────────────────────────────────────────────────────

    def evaluate(self, name, data=None, files=None, period=None, rev=None, skip_bad_units=False):
        """Evaluate data: ``data`` in the JSON form (a dict, or its bytes), or ``files``, paths of CSV files
        (one per entity kind and record list) or an .xlsx workbook. Returns ``policy``, ``dataSha256``,
        ``resultsSha256`` and ``results``."""
        query = {"period": period, "rev": rev, "skipBadUnits": "true" if skip_bad_units else None}
        return self._call("POST", self._policy_path(name, "evaluate"), query, **self._data(data, files))

    def explain(self, name, unit, data=None, files=None, period=None, indicator=None, rev=None):
        """Explain one unit's scores: ``trace`` (data) and ``text`` (sentences, as ``kaoping explain``)."""
        query = {"unit": unit, "period": period, "indicator": indicator, "rev": rev}
        return self._call("POST", self._policy_path(name, "explain"), query, **self._data(data, files))

    def monitor(self, name, period, data=None, files=None, unit=None, rev=None):
        """The policy's warnings (预警) raised in ``period``: ``checked`` (the rules that apply, with the units
        checked), ``warnings`` (by unit, most serious first, each with ``message`` and ``grounds``), ``issues``."""
        query = {"period": period, "unit": unit, "rev": rev}
        return self._call("POST", self._policy_path(name, "monitor"), query, **self._data(data, files))

    def analyze(self, name, data=None, files=None, period=None, periods=None, rev=None):
        """The indicator analysis (绩效分析) of ``period``, as ``kaoping analyze --out a.json`` writes it:
        ``thresholds`` and ``indicators``, each with its quartiles, mean, sd, cv, fullShare (满分率), zeroShare,
        correlation with the total, tierChanges without it and ``flags``. With ``periods`` (a list of periods,
        or "all"), the trend over them instead, as ``--periods``."""
        if periods is not None and not isinstance(periods, str):
            periods = ",".join(periods)
        query = {"period": period, "periods": periods, "rev": rev}
        return self._call("POST", self._policy_path(name, "analyze"), query, **self._data(data, files))

    def bulletin(self, name, period, data=None, files=None, previous=None, rev=None):
        """The 通报 of ``period``: ``bulletin`` (per kind the ranking with each unit's movement since
        ``previous``, best and worst per indicator, tier counts, gated and vetoed units with the reason) and
        ``html``, the page ``kaoping bulletin --out 通报.html`` writes."""
        query = {"period": period, "previous": previous, "rev": rev}
        return self._call("POST", self._policy_path(name, "bulletin"), query, **self._data(data, files))

    def recheck(self, name, before, after, period=None, rev=None):
        """复核: ``before`` the data as evaluated, ``after`` as corrected, each the JSON form (a dict, or its
        bytes) or a list of paths of CSV / XLSX / JSON files. Returns ``data`` (the inputs changed), ``impact``
        (totals, ranks and tiers on both sides; ``tierChanges``) and ``markdown`` (the report)."""
        query = {"period": period, "rev": rev}
        path = self._policy_path(name, "recheck")
        if isinstance(before, list) and isinstance(after, list):
            return self._call("POST", path, query, files=[("before", p) for p in before] + [("after", p) for p in after])
        return self._call("POST", path, query, body={"before": _json_form(before), "after": _json_form(after)})

    def diff(self, name, from_rev, to_rev=None, data=None, files=None, period=None):
        """The semantic diff from Git revision ``from_rev`` to ``to_rev`` (the working tree when None), and
        with data its impact on totals, ranks and tiers; ``markdown`` is the report."""
        query = {"from": from_rev, "to": to_rev, "period": period}
        payload = self._data(data, files) if data is not None or files else {}
        return self._call("POST", self._policy_path(name, "diff"), query, **payload)

    # ── Transport ───────────────────────────────────────────────────────────

    @staticmethod
    def _policy_path(name, action=None):
        path = "/v1/policies/" + urllib.parse.quote(name, safe="")
        return path + "/" + action if action else path

    @staticmethod
    def _sources(sources):
        return {"sources": [{"path": p, "text": t} for p, t in sources.items()]}

    @staticmethod
    def _data(data, files):
        if files:
            return {"files": list(files)}
        if data is None:
            raise ValueError("give data (the JSON form) or files (CSV or XLSX paths)")
        return {"raw": data if isinstance(data, (bytes, bytearray)) else json.dumps(data, ensure_ascii=False).encode("utf-8")}

    def _call(self, method, path, query=None, body=None, raw=None, files=None):
        url = self.base_url + path
        params = {k: v for k, v in (query or {}).items() if v is not None}
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json", "Accept-Language": self.language}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        payload = None
        if body is not None:
            raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if raw is not None:
            payload = bytes(raw)
            headers["Content-Type"] = "application/json"
        elif files:
            payload, headers["Content-Type"] = _multipart(files)
        request = urllib.request.Request(url, data=payload, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            try:
                answer = json.loads(text)
            except ValueError:
                answer = {"code": "", "message": text}
            raise KaopingError(error.code, answer) from None


def _json_form(data):
    """Data in the JSON form: a dict as it is, bytes parsed."""
    return json.loads(data) if isinstance(data, (bytes, bytearray)) else data


def _multipart(paths):
    """A multipart/form-data body with each file as a part named ``files``, or by the field of a (field, path)
    pair (the standard library has no encoder)."""
    boundary = "kaoping-" + uuid.uuid4().hex
    chunks = []
    for entry in paths:
        field, path = entry if isinstance(entry, tuple) else ("files", entry)
        name = os.path.basename(path).replace('"', "%22")
        with open(path, "rb") as f:
            content = f.read()
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode("utf-8")
        )
        chunks.append(content)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode("utf-8"))
    return b"".join(chunks), "multipart/form-data; boundary=" + boundary


def _main(argv=None):
    parser = argparse.ArgumentParser(prog="kaoping_client.py", description="Call a kaoping service (kaoping serve).")
    parser.add_argument("--url", default=os.environ.get("KAOPING_URL", "http://127.0.0.1:8080"), help="the service (default: $KAOPING_URL or http://127.0.0.1:8080)")
    parser.add_argument("--token", help="Bearer token (default: $KAOPING_TOKEN)")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("policies", help="list the policies")
    tests = commands.add_parser("tests", help="run a policy's tests")
    tests.add_argument("name")
    recheck = commands.add_parser("recheck", help="复核: the data as evaluated and as corrected (one .json file each)")
    recheck.add_argument("name")
    recheck.add_argument("before")
    recheck.add_argument("after")
    recheck.add_argument("--period")
    recheck.add_argument("--rev")
    for command in ("evaluate", "explain", "monitor", "analyze", "bulletin"):
        p = commands.add_parser(command, help=f"{command} data: one .json file, or .csv / .xlsx files")
        p.add_argument("name")
        p.add_argument("data", nargs="+")
        p.add_argument("--period", required=command in ("monitor", "bulletin"))
        p.add_argument("--rev")
        if command == "explain":
            p.add_argument("--unit", required=True)
        elif command == "monitor":
            p.add_argument("--unit")
        elif command == "analyze":
            p.add_argument("--periods", help="the trend over several periods: 2021Q1,2021Q2,… or all")
        elif command == "bulletin":
            p.add_argument("--previous", help="the period to compare ranks with")
        else:
            p.add_argument("--skip-bad-units", action="store_true")
    args = parser.parse_args(argv)
    client = KaopingClient(args.url, token=args.token, language=args.lang)
    try:
        if args.command == "policies":
            answer = client.policies()
        elif args.command == "tests":
            answer = client.tests(args.name)
        elif args.command == "recheck":
            answer = client.recheck(args.name, [args.before], [args.after], period=args.period, rev=args.rev)
        else:
            json_data = len(args.data) == 1 and args.data[0].lower().endswith(".json")
            data = open(args.data[0], "rb").read() if json_data else None
            files = None if json_data else args.data
            if args.command == "evaluate":
                answer = client.evaluate(args.name, data=data, files=files, period=args.period, rev=args.rev, skip_bad_units=args.skip_bad_units)
                if results_sha256(answer["results"]) != answer["resultsSha256"]:
                    print("kaoping_client: the results do not match their SHA-256", file=sys.stderr)
                    return 1
            elif args.command == "monitor":
                answer = client.monitor(args.name, args.period, data=data, files=files, unit=args.unit, rev=args.rev)
            elif args.command == "bulletin":
                answer = client.bulletin(args.name, args.period, data=data, files=files, previous=args.previous, rev=args.rev)
            elif args.command == "analyze":
                answer = client.analyze(args.name, data=data, files=files, period=args.period, periods=args.periods, rev=args.rev)
            else:
                answer = client.explain(args.name, args.unit, data=data, files=files, period=args.period, rev=args.rev)
                print(answer["text"], end="")
                return 0
    except KaopingError as error:
        print(f"kaoping_client: {error}" + (f" ({error.location})" if error.location else ""), file=sys.stderr)
        for issue in error.issues[:30]:
            print(f"  {issue['severity']} {issue['code']}: {issue['message']}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kaoping_client: {error}", file=sys.stderr)
        return 1
    try:
        json.dump(answer, sys.stdout, ensure_ascii=False, indent=2)
        print()
    except BrokenPipeError:  # a reader that stops early (| head) is no error
        sys.stderr.close()
    return 1 if args.command == "tests" and answer["failed"] > 0 else 0


if __name__ == "__main__":
    sys.exit(_main())
