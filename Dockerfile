# syntax=docker/dockerfile:1
# Build: the same static binary as `make build`.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/mockserver ./mockserver

# Run: distroless static, non-root, listening on :8080 in the container.
# Bound beyond loopback, the control API needs a token:
#   docker run -p 8080:8080 -e PAYSANDBOX_ADMIN_TOKEN=<token> paysandbox
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mockserver /mockserver
USER nonroot:nonroot
EXPOSE 8080
ENV PAYSANDBOX_ADDR=:8080
HEALTHCHECK --interval=10s --timeout=2s --start-period=2s --retries=3 CMD ["/mockserver", "-healthcheck"]
ENTRYPOINT ["/mockserver"]
