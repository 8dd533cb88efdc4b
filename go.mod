module github.com/compassbot/compass

go 1.25.0
