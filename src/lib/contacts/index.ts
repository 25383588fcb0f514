export { addressSchema, countryCodeSchema, type Address } from './address';
