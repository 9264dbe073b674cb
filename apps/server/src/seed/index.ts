export { seedDemo, demoSpec, DEMO_PASSWORD, type SeededDemo, type DemoOwner } from './demo.ts';
export { seedOrganization, type OrgSpec, type SeededOrg } from './organization.ts';
export { seedHouseholds } from './households.ts';
