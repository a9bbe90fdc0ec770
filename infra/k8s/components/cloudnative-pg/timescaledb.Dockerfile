# CloudNativePG operand image with TimescaleDB (community edition, for compression):
#   docker build -f infra/k8s/components/cloudnative-pg/timescaledb.Dockerfile \
#     -t registry.example.com/hp/cnpg-timescaledb:17 infra/k8s/components/cloudnative-pg
# The tag must start with the PostgreSQL major version: the operator reads it from there.
ARG CNPG_IMAGE=ghcr.io/cloudnative-pg/postgresql:17-standard-bookworm
FROM ${CNPG_IMAGE}
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
 && curl -fsSL https://packagecloud.io/timescale/timescaledb/gpgkey | gpg --dearmor -o /usr/share/keyrings/timescaledb.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/timescaledb.gpg] https://packagecloud.io/timescale/timescaledb/debian/ bookworm main" \
      > /etc/apt/sources.list.d/timescaledb.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends timescaledb-2-postgresql-17 \
 && apt-get purge -y curl gnupg && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
# The image's postgres user.
USER 26
