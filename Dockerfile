# compass: a static binary on a distroless, nonroot image.
#   docker build -t compass --build-arg VERSION=$(git describe --always) .
#   docker run --rm -e TELEGRAM_TOKEN=... -e DATABASE_URL=... compass
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/compass ./cmd/compass

FROM gcr.io/distroless/static-debian12:nonroot
# Time zones are compiled in (time/tzdata); the content pack is embedded.
COPY --from=build /out/compass /compass
USER nonroot:nonroot
# serve listens here for the Telegram webhook and /healthz, /readyz when
# COMPASS_LISTEN is set (default :8080 in webhook mode).
EXPOSE 8080
ENTRYPOINT ["/compass"]
CMD ["serve"]
