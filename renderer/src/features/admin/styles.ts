// The Admin console's styles, imported once by every Admin screen (and the shell's emergency banner).
import './admin.css';
import './admin-lists.css';
import './calendar/calendar.css';
import './emergency/emergency.css';
