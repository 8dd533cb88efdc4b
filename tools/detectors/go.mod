module github.com/compassbot/compass/tools/detectors

go 1.26.0

require (
	github.com/abadojack/whatlanggo v1.0.1
	github.com/compassbot/compass v0.0.0
	github.com/pemistahl/lingua-go v1.4.0
)

require (
	github.com/kljensen/snowball v0.10.0 // indirect
	github.com/shopspring/decimal v1.3.1 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/exp v0.0.0-20221106115401-f9659909a136 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/protobuf v1.31.0 // indirect
)

replace github.com/compassbot/compass => ../..
