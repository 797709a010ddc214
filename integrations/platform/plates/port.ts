import { definePort } from '../port';

/** The plates port's error codes and retry policy. */
export const PLATE_PORT = definePort({
  name: 'plates',
  errors: {
    PLATE_TAKEN: 409,
    PLATE_INVALID: 422,
    PLATE_DENIED: 422,
    PLATE_NOT_OFFERED: 422,
    VEHICLE_HAS_PLATE: 409,
    ROUNDS_EXHAUSTED: 422,
  },
  methods: {
    startRandomRound: 'never', // each call uses up one of the vehicle's 5 rounds
    checkPatterns: 'read',
    reserve: 'keyed',
    reservedPlate: 'read',
    vehicles: 'read',
  },
});
