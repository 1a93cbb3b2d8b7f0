// The events feature's public surface: other features and app.ts import from here only.
export { createEventsService, type EventsService } from './events.service';
export { eventsRoutes } from './events.routes';
export { eventCard, eventTitle, eventDates, eventUrl, type NetworkEvent, type EventCard } from './events.view';
export { NETWORK_EVENTS } from './events.data';
