// The discount engine lives in `./discounts/`, one concept a file; this module is its entry point.
export * from './discounts/index.ts'
