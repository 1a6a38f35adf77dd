"""The register as a public, read-only Open Referral HSDS 3.0 API at /api/hsds/.

- `views`: the endpoints of the official API description (`/`, `/services`, `/services/{id}`,
  `/organizations…`, `/service_at_locations…`, `/taxonomies…`, `/taxonomy_terms…`) and the
  description itself (`/api/hsds/openapi.json`, with the schemas under `schema/`);
- `params`: the query parameters and their translated errors;
- `loading`: the public register a page at a time, in a fixed number of queries;
- `throttle`: the per-client request limit;
- `openapi`: the served copy of the description (`data/`).

Objects are built by ecosystem.exchange.hsds.HsdsMapping, the same mapping as the export.
"""
