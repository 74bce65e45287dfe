// Package-level constants and variables of the helpers program, read from main.go.
package main

import "fmt"

const defaultTimeout = 45_000

var stage = "prod"

var accountARN = fmt.Sprintf("arn:aws:lambda:us-east-1:%d:function", 123456789012)

// reassigned below: its value is not known
var backend = "https://backend.example.com"

func useStaging() {
	backend = "https://staging.example.com"
}
