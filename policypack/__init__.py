"""CrossGuard policy pack: engine requests -> rules models -> violations."""
